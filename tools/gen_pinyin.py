import sys
print("/* placeholder */")
