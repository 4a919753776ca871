/**
 * Event schemas: {@link io.mailsec.core.schema.SchemaRegistry} (field names, types, meanings,
 * logical types), validation of events against them, and the generated schema documentation.
 */
package io.mailsec.core.schema;
