/**
 * The storage SPI: {@link io.mailsec.core.store.EventStore} and the values it takes and returns.
 * Implementations live in their own modules (e.g. mailsec-store-lucene) and must pass the shared
 * contract test suite shipped in mailsec-core's test jar.
 */
package io.mailsec.core.store;
