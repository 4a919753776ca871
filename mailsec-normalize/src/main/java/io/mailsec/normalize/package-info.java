/** Pure functions that turn Mimecast records into normalized events (no I/O). */
package io.mailsec.normalize;
