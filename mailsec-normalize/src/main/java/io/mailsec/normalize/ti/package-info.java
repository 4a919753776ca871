/** Threat-intel feed (STIX bundles and pipe CSV rows) to {@code threat_indicator} events. */
package io.mailsec.normalize.ti;
