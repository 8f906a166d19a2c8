/* Prints the PPPoL2TP ABI as the real headers define it, for AbiTest to compare with the Java side. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>
#include <sys/ioctl.h>
#include <linux/ppp-ioctl.h>

static void hex(const char *name, const void *p, size_t n) {
    const unsigned char *b = p;
    printf("%s=", name);
    for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
    printf("\n");
}

int main(void) {
    printf("AF_PPPOX=%d\nPX_PROTO_OL2TP=%d\nSOL_PPPOL2TP=%d\n", AF_PPPOX, PX_PROTO_OL2TP, SOL_PPPOL2TP);
    printf("PPPOL2TP_SO_DEBUG=%d\nPPPOL2TP_SO_RECVSEQ=%d\nPPPOL2TP_SO_SENDSEQ=%d\nPPPOL2TP_SO_LNSMODE=%d\n"
           "PPPOL2TP_SO_REORDERTO=%d\n", PPPOL2TP_SO_DEBUG, PPPOL2TP_SO_RECVSEQ, PPPOL2TP_SO_SENDSEQ,
           PPPOL2TP_SO_LNSMODE, PPPOL2TP_SO_REORDERTO);
    printf("PPPIOCGL2TPSTATS=%u\n", (unsigned) PPPIOCGL2TPSTATS);
    printf("SOCKADDR_V4_SIZE=%zu\nSOCKADDR_V6_SIZE=%zu\n", sizeof(struct sockaddr_pppol2tp),
           sizeof(struct sockaddr_pppol2tpin6));
    printf("OFF_PID=%zu\nOFF_FD=%zu\nOFF_ADDR=%zu\nOFF_S_TUNNEL=%zu\nOFF_S_SESSION=%zu\nOFF_D_TUNNEL=%zu\n"
           "OFF_D_SESSION=%zu\n",
           offsetof(struct sockaddr_pppol2tp, pppol2tp.pid), offsetof(struct sockaddr_pppol2tp, pppol2tp.fd),
           offsetof(struct sockaddr_pppol2tp, pppol2tp.addr), offsetof(struct sockaddr_pppol2tp, pppol2tp.s_tunnel),
           offsetof(struct sockaddr_pppol2tp, pppol2tp.s_session), offsetof(struct sockaddr_pppol2tp, pppol2tp.d_tunnel),
           offsetof(struct sockaddr_pppol2tp, pppol2tp.d_session));
    printf("OFF6_S_TUNNEL=%zu\nOFF6_ADDR=%zu\n", offsetof(struct sockaddr_pppol2tpin6, pppol2tp.s_tunnel),
           offsetof(struct sockaddr_pppol2tpin6, pppol2tp.addr));
    printf("STATS_SIZE=%zu\nSTATS_COUNTERS=%zu\nSTATS_RX_ERRORS=%zu\n", sizeof(struct pppol2tp_ioc_stats),
           offsetof(struct pppol2tp_ioc_stats, tx_packets), offsetof(struct pppol2tp_ioc_stats, rx_errors));

    struct sockaddr_pppol2tp a;
    memset(&a, 0, sizeof a);
    a.sa_family = AF_PPPOX;
    a.sa_protocol = PX_PROTO_OL2TP;
    a.pppol2tp.fd = 7;
    a.pppol2tp.addr.sin_family = AF_INET;
    a.pppol2tp.addr.sin_port = htons(1701);
    inet_pton(AF_INET, "192.0.2.10", &a.pppol2tp.addr.sin_addr);
    a.pppol2tp.s_tunnel = 0x1234;
    a.pppol2tp.s_session = 0x5678;
    a.pppol2tp.d_tunnel = 0x9abc;
    a.pppol2tp.d_session = 0xdef0;
    hex("V4_BYTES", &a, sizeof a);

    struct sockaddr_pppol2tpin6 b;
    memset(&b, 0, sizeof b);
    b.sa_family = AF_PPPOX;
    b.sa_protocol = PX_PROTO_OL2TP;
    b.pppol2tp.fd = 9;
    b.pppol2tp.s_tunnel = 0x1111;
    b.pppol2tp.s_session = 0x2222;
    b.pppol2tp.d_tunnel = 0x3333;
    b.pppol2tp.d_session = 0x4444;
    b.pppol2tp.addr.sin6_family = AF_INET6;
    b.pppol2tp.addr.sin6_port = htons(1702);
    inet_pton(AF_INET6, "2001:db8::1", &b.pppol2tp.addr.sin6_addr);
    hex("V6_BYTES", &b, sizeof b);
    return 0;
}
