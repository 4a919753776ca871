/** The fetch step of a collection stream: where records come from and how a stream resumes. */
package io.mailsec.core.source;
