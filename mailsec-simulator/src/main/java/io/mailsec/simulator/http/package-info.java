/**
 * The HTTP surface of the simulator: authentication, rate limits, faults and one handler per
 * Mimecast endpoint. Internal to the simulator; not an API.
 */
package io.mailsec.simulator.http;
