/**
 * Owns the model catalog: facts about each model (author, open weights, origin, parameters, size
 * class, reasoning, tools, context, prices, release date) loaded from a bundled resource.
 */
package dev.switchboard.config.catalog;
