/* cmd_clv.h: `kehu clv`, lifetime value of a plain transaction log. */
#ifndef KH_CMD_CLV_H
#define KH_CMD_CLV_H

/* argv[0] is "clv". Returns the process exit code. */
int kh_cmd_clv(int argc, char **argv);

#endif
