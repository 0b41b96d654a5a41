/**
 * The end-of-run summary of a TCK run, counted from failsafe's XML reports:
 * {@code TCK: N passed, M failed, K skipped} and the failing tests grouped by TCK package.
 */
package dev.duplex.tck.report;
