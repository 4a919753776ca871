/** SIEM (MTA) logs of API 1.0 and 2.0 to {@code email} events. */
package io.mailsec.normalize.siem;
