/**
 * The receive-livelock experiment of Mogul and Ramakrishnan (TOCS 1997, Figures 6-1, 6-3 and 6-4)
 * rerun on the simulator: a router forwards UDP packets from one NIC to another while the offered
 * load is swept well past what it can handle, once per receive discipline, with and without a
 * user-level screening process in the forwarding path. See docs/livelock.md.
 */
package dev.netspec.livelock;
