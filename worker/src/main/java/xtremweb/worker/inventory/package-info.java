/** What the worker tells the server about its machine (OS, CPU, memory, free disk, Java), collected with OSHI. */
package xtremweb.worker.inventory;
