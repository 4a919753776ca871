/**
 * The backend-neutral query model: the {@link io.mailsec.core.query.Predicate} tree, the rules for
 * reading operands ({@link io.mailsec.core.query.Operands}, {@link
 * io.mailsec.core.query.TextFolding}, {@link io.mailsec.core.query.IpRange}) and the in-memory
 * reference evaluator {@link io.mailsec.core.query.PredicateEvaluator}.
 */
package io.mailsec.core.query;
