/**
 * Writes the text of simulated requests from prompt templates, vocabularies and code snippets the
 * project owns (bundled YAML in nine languages), shaped by category: character cards and earlier
 * turns, pasted code or coding-agent transcripts, documents to translate, conversations.
 */
package dev.switchboard.gateway.simulate.prompt;
