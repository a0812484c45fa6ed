/* test.h: what every cmocka unit test includes. */
#ifndef KH_TEST_H
#define KH_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
