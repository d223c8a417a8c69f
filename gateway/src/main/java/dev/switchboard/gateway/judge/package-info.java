/**
 * The study's own labelling method as an option ({@code classifier.judge}): a deterministic sample
 * of requests is labelled by a routed model after its answer, off the hot path, under the judge's
 * own budget and key, and the judge's category is stored beside the local classifier's.
 */
package dev.switchboard.gateway.judge;
