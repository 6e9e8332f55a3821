package xtremweb.common.wire;

/** One binary of an app: which data holds the executable for which OS and CPU. */
public record AppBinary(String os, String cpu, String dataUid) {
}
