package io.mktsync.reply;

import io.mktsync.request.Attrib;
import io.mktsync.request.Problem;
import io.mktsync.request.XmlRequestReader;

/**
 * Writes a reply for an XML request. Statuses use Marketo's own {@code successSyncMObjects} shape and
 * nothing else, valid against Marketo's strictest schema (2_2, {@code schema/mktows-successSyncMObjects.xsd}),
 * so a sender can read them with the same code as a direct Marketo response; what Marketo's schema has
 * no place for (REST's {@code marketoGUID}) travels in a JMS property instead ({@link SyncReply#marketoGuids()}).
 * A rejection uses {@code syncRejected} in the mktsync namespace, one {@code problem} per object and field.
 */
public final class XmlReplyWriter {

    public static final String MKTSYNC_NS = "urn:io.mktsync:reply:1";
    /**
     * The id of a status without one. Marketo's 2_2 schema requires an int id and does not allow nil;
     * a client generated from it reads an absent id as 0 (a Java {@code int}) anyway.
     */
    static final int NO_ID = 0;

    public String write(SyncReply reply) {
        StringBuilder xml = new StringBuilder(256 + 160 * reply.statuses().size());
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (reply.outcome() == Outcome.REJECTED) {
            xml.append("<mktsync:syncRejected xmlns:mktsync=\"").append(MKTSYNC_NS).append("\">");
            for (Problem p : reply.problems()) {
                xml.append("<problem object=\"").append(p.object()).append('"');
                if (p.field() != null) {
                    xml.append(" field=\"").append(escape(p.field())).append('"');
                }
                xml.append('>').append(escape(p.message())).append("</problem>");
            }
            return xml.append("</mktsync:syncRejected>").toString();
        }
        xml.append("<ns1:successSyncMObjects xmlns:ns1=\"").append(XmlRequestReader.MKTOWS_NS)
                .append("\"><result><mObjStatusList>");
        for (ObjectStatus s : reply.statuses()) {
            xml.append("<mObjStatus><id>").append(s.id() == null ? NO_ID : s.id()).append("</id>");
            Attrib key = s.externalKey();
            if (key != null) {
                xml.append("<externalKey><name>").append(escape(key.name())).append("</name><value>")
                        .append(escape(key.value())).append("</value></externalKey>");
            }
            xml.append("<status>").append(s.status()).append("</status>");
            if (s.error() != null) {
                xml.append("<error>").append(escape(s.error())).append("</error>");
            }
            xml.append("</mObjStatus>");
        }
        return xml.append("</mObjStatusList></result></ns1:successSyncMObjects>").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // Characters XML 1.0 cannot carry at all are replaced rather than breaking the reply.
                    boolean legal = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
                    out.append(legal ? c : '\uFFFD');
                }
            }
        }
        return out.toString();
    }
}
