/* Prints the /dev/ppp, epoll, eventfd and rtnetlink ABI as this machine's headers define it, for PppAbiTest. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/ppp_defs.h>
#include <linux/ppp-ioctl.h>
#include <linux/if_pppol2tp.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>

#define P(name) printf("%s=%lld\n", #name, (long long) (name))
#define PU(name) printf("%s=%lld\n", #name, (long long) (unsigned) (name))

static void hex(const char *name, const void *p, size_t n) {
    const unsigned char *b = p;
    printf("%s=", name);
    for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
    printf("\n");
}

int main(void) {
    /* /dev/ppp */
    PU(PPPIOCGCHAN); PU(PPPIOCATTCHAN); PU(PPPIOCCONNECT); PU(PPPIOCDISCONN); PU(PPPIOCNEWUNIT);
    PU(PPPIOCSMRU); PU(PPPIOCSNPMODE); PU(PPPIOCGNPMODE); PU(PPPIOCSFLAGS); PU(PPPIOCGUNIT);
    PU(PPPIOCGL2TPSTATS); PU(PPPIOCGIDLE);
    printf("L2TP_STATS_SIZE=%zu\nL2TP_STATS_TX_PACKETS=%zu\nL2TP_STATS_RX_BYTES=%zu\nPPP_IDLE_SIZE=%zu\n"
           "PPP_IDLE_RECV=%zu\n", sizeof(struct pppol2tp_ioc_stats),
           offsetof(struct pppol2tp_ioc_stats, tx_packets), offsetof(struct pppol2tp_ioc_stats, rx_bytes),
           sizeof(struct ppp_idle), offsetof(struct ppp_idle, recv_idle));
    P(NPMODE_PASS); P(NPMODE_DROP); P(NPMODE_ERROR); P(NPMODE_QUEUE);
    printf("NPIOCTL_SIZE=%zu\nNPIOCTL_MODE=%zu\n", sizeof(struct npioctl), offsetof(struct npioctl, mode));
    P(PPP_IP); P(PPP_IPV6); P(PPP_LCP); P(PPP_IPCP); P(PPP_IPV6CP); P(ARPHRD_PPP);
    P(O_RDWR); P(O_NONBLOCK); P(O_CLOEXEC); P(EAGAIN); P(EINTR);
    /* epoll and eventfd */
    P(EPOLL_CLOEXEC); P(EPOLL_CTL_ADD); P(EPOLL_CTL_DEL); P(EPOLL_CTL_MOD);
    P(EPOLLIN); P(EPOLLOUT); P(EPOLLERR); P(EPOLLHUP); P(EPOLLRDHUP);
    printf("EPOLL_EVENT_SIZE=%zu\nEPOLL_EVENT_DATA=%zu\n", sizeof(struct epoll_event),
           offsetof(struct epoll_event, data));
    P(EFD_CLOEXEC); P(EFD_NONBLOCK);
    /* netlink */
    P(AF_NETLINK); P(SOCK_RAW); P(SOCK_CLOEXEC); P(NETLINK_ROUTE); P(SOL_SOCKET); P(SO_RCVTIMEO);
    P(AF_INET); P(AF_INET6); P(AF_UNSPEC);
    printf("SOCKADDR_NL_SIZE=%zu\nNLMSGHDR_SIZE=%zu\nIFINFOMSG_SIZE=%zu\nIFADDRMSG_SIZE=%zu\nRTATTR_SIZE=%zu\n",
           sizeof(struct sockaddr_nl), sizeof(struct nlmsghdr), sizeof(struct ifinfomsg), sizeof(struct ifaddrmsg),
           sizeof(struct rtattr));
    printf("NLMSGERR_SIZE=%zu\n", sizeof(struct nlmsgerr));
    P(NLMSG_ALIGNTO); P(RTA_ALIGNTO); P(NLMSG_HDRLEN); P(RTA_LENGTH(0));
    printf("OFF_IFI_INDEX=%zu\nOFF_IFI_FLAGS=%zu\nOFF_IFI_CHANGE=%zu\nOFF_IFA_PREFIXLEN=%zu\nOFF_IFA_FLAGS=%zu\n"
           "OFF_IFA_SCOPE=%zu\nOFF_IFA_INDEX=%zu\nOFF_NLMSG_SEQ=%zu\nOFF_NLMSG_PID=%zu\n",
           offsetof(struct ifinfomsg, ifi_index), offsetof(struct ifinfomsg, ifi_flags),
           offsetof(struct ifinfomsg, ifi_change), offsetof(struct ifaddrmsg, ifa_prefixlen),
           offsetof(struct ifaddrmsg, ifa_flags), offsetof(struct ifaddrmsg, ifa_scope),
           offsetof(struct ifaddrmsg, ifa_index), offsetof(struct nlmsghdr, nlmsg_seq),
           offsetof(struct nlmsghdr, nlmsg_pid));
    P(NLM_F_REQUEST); P(NLM_F_ACK); P(NLM_F_CREATE); P(NLM_F_EXCL); P(NLM_F_REPLACE);
    P(NLMSG_ERROR); P(NLMSG_DONE);
    P(RTM_NEWLINK); P(RTM_SETLINK); P(RTM_GETLINK); P(RTM_NEWADDR); P(RTM_DELADDR);
    P(IFLA_IFNAME); P(IFLA_MTU); P(IFA_ADDRESS); P(IFA_LOCAL); P(IFA_FLAGS);
    P(IFF_UP); P(IFF_POINTOPOINT); P(IFF_NOARP); P(IFA_F_NODAD); P(IFA_F_PERMANENT);
    P(RT_SCOPE_UNIVERSE); P(RT_SCOPE_LINK); P(IFNAMSIZ);

    /* The RTM_NEWADDR the Java side builds in RtnetlinkTest: seq 7, ifindex 5, 10.77.0.1 peer 10.77.0.2. */
    struct {
        struct nlmsghdr h;
        struct ifaddrmsg a;
        struct rtattr local; unsigned char local_v[4];
        struct rtattr addr; unsigned char addr_v[4];
    } m;
    memset(&m, 0, sizeof m);
    m.h.nlmsg_len = sizeof m;
    m.h.nlmsg_type = RTM_NEWADDR;
    m.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
    m.h.nlmsg_seq = 7;
    m.a.ifa_family = AF_INET;
    m.a.ifa_prefixlen = 32;
    m.a.ifa_flags = IFA_F_PERMANENT;
    m.a.ifa_scope = RT_SCOPE_UNIVERSE;
    m.a.ifa_index = 5;
    m.local.rta_len = RTA_LENGTH(4); m.local.rta_type = IFA_LOCAL;
    inet_pton(AF_INET, "10.77.0.1", m.local_v);
    m.addr.rta_len = RTA_LENGTH(4); m.addr.rta_type = IFA_ADDRESS;
    inet_pton(AF_INET, "10.77.0.2", m.addr_v);
    hex("NEWADDR4_BYTES", &m, sizeof m);

    /* An RTM_NEWLINK renaming ifindex 9 to "l2tp1-1" (7 chars + NUL = 8, already aligned), seq 3. */
    struct {
        struct nlmsghdr h;
        struct ifinfomsg i;
        struct rtattr name; char name_v[8];
    } l;
    memset(&l, 0, sizeof l);
    l.h.nlmsg_len = sizeof l;
    l.h.nlmsg_type = RTM_NEWLINK;
    l.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    l.h.nlmsg_seq = 3;
    l.i.ifi_family = AF_UNSPEC;
    l.i.ifi_index = 9;
    l.name.rta_len = RTA_LENGTH(8); l.name.rta_type = IFLA_IFNAME;
    strcpy(l.name_v, "l2tp1-1");
    hex("RENAME_BYTES", &l, sizeof l);

    /* struct epoll_event as the kernel reads it: events EPOLLIN, data 0x1122334455667788. */
    struct epoll_event e;
    memset(&e, 0, sizeof e);
    e.events = EPOLLIN;
    e.data.u64 = 0x1122334455667788ULL;
    hex("EPOLL_EVENT_BYTES", &e, sizeof e);
    struct npioctl n = { PPP_IPV6, NPMODE_PASS };
    hex("NPIOCTL_BYTES", &n, sizeof n);
    return 0;
}
