/**
 * Wire representations of the simulated data (API 1.0 and 2.0 keys, file layouts). Internal to the
 * simulator; not an API.
 */
package io.mailsec.simulator.render;
