/** Normalizer of Mimecast Data Leak Prevention logs. */
package io.mailsec.normalize.dlp;
