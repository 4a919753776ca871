/** Audit events to {@code audit} events. */
package io.mailsec.normalize.audit;
