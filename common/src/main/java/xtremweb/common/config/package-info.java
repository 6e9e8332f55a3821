/** Configuration files (Java properties, {@code key=value} or {@code key:value}) and their lookup order. */
package xtremweb.common.config;
