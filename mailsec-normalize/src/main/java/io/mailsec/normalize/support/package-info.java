/**
 * Helpers shared by the normalizers (lenient value parsing, ids, direction enrichment). Public only
 * because the normalizers live in sibling packages; not an API for other modules.
 */
package io.mailsec.normalize.support;
