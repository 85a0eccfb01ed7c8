/**
 * The command evaluator: each evaluation runs the user's own trainer (any framework, any device) as
 * an operating-system process that reads a request JSON and writes a result JSON. {@link
 * org.effnas.worker.command.CommandEvaluator} is the entry point; docs/worker.md has the schemas.
 */
package org.effnas.worker.command;
