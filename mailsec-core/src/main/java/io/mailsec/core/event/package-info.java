/**
 * The normalized event model: {@link io.mailsec.core.event.Event}, its JSON form and {@link
 * io.mailsec.core.event.QuarantinedRecord} for input that could not be normalized.
 */
package io.mailsec.core.event;
