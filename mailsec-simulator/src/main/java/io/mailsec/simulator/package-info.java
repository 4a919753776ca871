/** A local, faithful stand-in for the Mimecast API. Shares no code with the client on purpose. */
package io.mailsec.simulator;
