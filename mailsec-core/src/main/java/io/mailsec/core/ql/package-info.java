/**
 * The mailsec query language, a superset of Taegis XDR's Advanced Search (see
 * docs/query-language.md): {@link io.mailsec.core.ql.QueryLanguage} parses and checks query text
 * into a {@link io.mailsec.core.ql.Query}, plans it into a {@link io.mailsec.core.ql.QueryPlan},
 * and {@link io.mailsec.core.ql.StoreQueryRunner} or {@link io.mailsec.core.ql.MemoryQueryRunner}
 * run the plan with identical results.
 */
package io.mailsec.core.ql;
