package xtremweb.common.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void theManualsSpellingsMatchWhatJavaReports() {
        assertThat(Platform.normaliseCpu("x86_64")).isEqualTo(Platform.normaliseCpu("amd64"));
        assertThat(Platform.normaliseCpu("i686")).isEqualTo("ix86");
        assertThat(Platform.normaliseOs("Linux")).isEqualTo("linux");
        assertThat(Platform.normaliseOs("Windows 11")).isEqualTo("win32");
        assertThat(Platform.normaliseOs("Mac OS X")).isEqualTo("macosx");
    }
}
