/**
 * The simulated account's data as a pure function of (seed, time): messages, SIEM rows, TTP
 * records, threat-feed indicators and audit events. Internal to the simulator; not an API.
 */
package io.mailsec.simulator.data;
