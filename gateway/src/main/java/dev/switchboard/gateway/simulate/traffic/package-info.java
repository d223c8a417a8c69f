/**
 * Plans a scenario's traffic week by week, deterministically from its seed: the population, each
 * user's activity, categories, languages and lengths, and which model they use as models launch,
 * rise and fade (loyalty, monthly retention, comebacks). Pure computation; no I/O, no Vert.x.
 */
package dev.switchboard.gateway.simulate.traffic;
