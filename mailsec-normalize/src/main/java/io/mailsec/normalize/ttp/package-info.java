/** TTP URL (to {@code http}), attachment and impersonation (to {@code email}) logs. */
package io.mailsec.normalize.ttp;
