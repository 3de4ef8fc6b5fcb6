package io.vjepastream.ingest.source;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;

/** Turns JavaCV's FFmpeg exceptions into one readable line with FFmpeg's own reason. */
final class FfmpegErrors {
    private static final Pattern CALL_ERROR = Pattern.compile("(\\w+\\(\\)) error (-?\\d+)");
    private static final String[] JAVACV_HINTS = {
        "(Has setFormat() been called?)",
        "(For more details, make sure FFmpegLogCallback.set() has been called.)",
    };

    private FfmpegErrors() {
    }

    /** For example {@code Invalid data found when processing input (avformat_open_input() error -1094995529)}. */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = CALL_ERROR.matcher(message);
        if (m.find()) {
            String text = strerror(Integer.parseInt(m.group(2)));
            if (text != null) {
                return text + " (" + m.group(1) + " error " + m.group(2) + ")";
            }
        }
        for (String hint : JAVACV_HINTS) {
            message = message.replace(hint, "");
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String strerror(int code) {
        byte[] buffer = new byte[256];
        if (avutil.av_strerror(code, buffer, buffer.length) < 0) {
            return null;
        }
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return end == 0 ? null : new String(buffer, 0, end, StandardCharsets.UTF_8);
    }
}
