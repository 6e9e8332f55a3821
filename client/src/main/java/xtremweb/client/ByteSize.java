package xtremweb.client;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size in bytes as people write it: {@code 1073741824}, {@code 2G}, {@code 512M}, {@code 1.5K}
 * (K, M, G, T and their {@code KiB}... spellings, powers of 1024, any case). {@code --xwminmemory 2G}
 * was refused as "'2G' is not a long", a Java type no user of the command line knows.
 */
final class ByteSize implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?");

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            int power = m.group(2).isEmpty() ? 0 : "kmgt".indexOf(m.group(2)) + 1;
            BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
            if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                return bytes.longValue();
            }
        }
        throw new TypeConversionException("'" + value + "' is not a size: write bytes (1073741824) or a number with K, M, G"
                + " or T (powers of 1024), like 2G or 512M");
    }
}
