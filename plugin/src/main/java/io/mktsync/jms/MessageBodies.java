package io.mktsync.jms;

import io.mktsync.request.Problem;
import io.mktsync.request.RequestRejectedException;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a request body as text: a TextMessage, or a BytesMessage holding UTF-8, within a size limit. */
final class MessageBodies {

    private MessageBodies() {
    }

    static String text(Message message, long maxBytes) throws JMSException, RequestRejectedException {
        String text;
        if (message instanceof TextMessage t) {
            text = t.getText() == null ? "" : t.getText();
            long size = text.length() > maxBytes ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
            checkSize(size, maxBytes);
        } else if (message instanceof BytesMessage b) {
            checkSize(b.getBodyLength(), maxBytes);
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            text = utf8(bytes);
        } else {
            throw new RequestRejectedException(Problem.ofRequest("body",
                    "a " + kind(message) + " cannot carry a request; send a TextMessage (or a BytesMessage of UTF-8)"));
        }
        if (text.isBlank()) {
            throw new RequestRejectedException(Problem.ofRequest("body", "is empty"));
        }
        return text;
    }

    private static String kind(Message message) {
        if (message instanceof MapMessage) {
            return "MapMessage";
        }
        if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        }
        if (message instanceof StreamMessage) {
            return "StreamMessage";
        }
        return "Message without a body";
    }

    private static void checkSize(long size, long maxBytes) throws RequestRejectedException {
        if (size > maxBytes) {
            throw new RequestRejectedException(Problem.ofRequest("body", "is " + size
                    + " bytes, over the limit of " + maxBytes + " (mktsync.request.max-bytes)"));
        }
    }

    private static String utf8(byte[] bytes) throws RequestRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RequestRejectedException(Problem.ofRequest("body", "is not valid UTF-8"));
        }
    }
}
