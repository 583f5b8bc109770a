/**
 * The northbound HTTP API (Jersey) as a controller module, and the command-line client.
 * Filled by the REST issue.
 */
package org.netservof.rest;
