/** Event model, schema registry and service-provider interfaces shared by every module. */
package io.mailsec.core;
