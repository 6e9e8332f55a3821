package xtremweb.common.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    @Test
    void everyPlatformAJdkReportsCanBeTargetedByABinary() {
        // os.name and os.arch as the JDK's ports report them: what a worker sends at registration.
        for (String osName : List.of("Linux", "Mac OS X", "Windows 10", "Windows Server 2022", "SunOS", "AIX", "FreeBSD",
                "OpenBSD", "NetBSD", "HP-UX", "z/OS", "OS/400")) {
            assertThat(Platform.OS_NAMES).as(osName).contains(Platform.normaliseOs(osName));
        }
        for (String osArch : List.of("amd64", "x86_64", "x86", "i386", "aarch64", "arm", "ppc", "ppc64", "ppc64le", "s390",
                "s390x", "sparc", "sparcv9", "riscv64", "loongarch64", "mips", "mipsel", "mips64", "mips64el", "ia64", "IA64N",
                "PA_RISC2.0")) {
            assertThat(Platform.CPU_NAMES).as(osArch).contains(Platform.normaliseCpu(osArch));
        }
        assertThat(Platform.OS_NAMES).contains(Platform.currentOs());
        assertThat(Platform.CPU_NAMES).contains(Platform.currentCpu());
    }

    @Test
    void theManualsNamesAreTakenInAnyCase() {
        assertThat(Platform.requireOs("LINUX")).isEqualTo("linux");
        assertThat(Platform.requireOs("Win32")).isEqualTo("win32");
        assertThat(Platform.requireOs("MACOSX")).isEqualTo("macosx");
        assertThat(Platform.requireOs("Solaris")).isEqualTo("sunos");
        assertThat(Platform.requireCpu("IX86")).isEqualTo("ix86");
        assertThat(Platform.requireCpu("X86_64")).isEqualTo("amd64");
        assertThat(Platform.requireCpu("PPC")).isEqualTo("ppc");
        assertThat(Platform.requireCpu("Alpha")).isEqualTo("alpha");
    }

    @Test
    void aPlatformNoWorkerReportsIsRefusedWithTheAcceptedNames() {
        assertThatThrownBy(() -> Platform.requireCpu("z80")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown CPU 'z80'").hasMessageContaining("amd64, ix86, aarch64");
        assertThatThrownBy(() -> Platform.requireOs("amiga")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown OS 'amiga'").hasMessageContaining("linux, win32, macosx");
        assertThatThrownBy(() -> Platform.requireOs("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Platform.requireCpu(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOsGivenAsTheCpuAndACpuAsTheOsAreSaidToBeSwapped() {
        // xwsendapp blast linux x86_64 ./blast: the manual's order is CPU, then OS
        assertThatThrownBy(() -> Platform.requireCpu("Linux")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'Linux' is an OS, not a CPU: the CPU comes first, then the OS (like amd64 linux)");
        assertThatThrownBy(() -> Platform.requireOs("x86_64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'x86_64' is a CPU, not an OS: the CPU comes first, then the OS (like amd64 linux)");
    }
}
