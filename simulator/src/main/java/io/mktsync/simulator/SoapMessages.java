package io.mktsync.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Reads mktows SOAP requests and writes responses and faults in Marketo's shape. */
final class SoapMessages {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String MKTOWS_NS = "http://www.marketo.com/mktows/";

    /** The parts of a request the simulator acts on. */
    record Request(String userId, String signature, String timestamp, Element params) {
        String operation() {
            return params.getLocalName();
        }
    }

    private SoapMessages() {
    }

    static Request read(InputStream body) throws MarketoFault {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            doc = f.newDocumentBuilder().parse(body);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new MarketoFault(20012, "Request Not Understood", "Malformed SOAP message: " + e.getMessage());
        }
        Element envelope = doc.getDocumentElement();
        Element header = child(envelope, SOAP_NS, "Header");
        Element body1 = child(envelope, SOAP_NS, "Body");
        Element params = body1 == null ? null : firstElement(body1);
        if (params == null || !MKTOWS_NS.equals(params.getNamespaceURI())) {
            throw new MarketoFault(20012, "Request Not Understood", "No mktows operation in the SOAP body");
        }
        Element auth = header == null ? null : child(header, MKTOWS_NS, "AuthenticationHeader");
        return auth == null ? new Request(null, null, null, params)
                : new Request(text(auth, "mktowsUserId"), text(auth, "requestSignature"), text(auth, "requestTimestamp"), params);
    }

    static String operation(Element params) {
        return text(params, "operation");
    }

    static List<SyncedObject> objects(Element params) {
        List<SyncedObject> objects = new ArrayList<>();
        Element list = child(params, null, "mObjectList");
        if (list == null) {
            return objects;
        }
        for (Element m : children(list, "mObject")) {
            SyncedObject o = new SyncedObject();
            o.type = text(m, "type");
            o.id = integer(text(m, "id"));
            Element key = child(m, null, "externalKey");
            if (key != null) {
                o.externalKeyName = text(key, "name");
                o.externalKeyValue = text(key, "value");
            }
            o.attributes.putAll(attribs(child(m, null, "attribList")));
            Element typeAttribs = child(m, null, "typeAttribList");
            if (typeAttribs != null) {
                for (Element t : children(typeAttribs, "typeAttrib")) {
                    o.typeAttributes.add(new SyncedObject.TypeAttribute(String.valueOf(text(t, "attrType")),
                            attribs(child(t, null, "attrList"))));
                }
            }
            Element associations = child(m, null, "associationList");
            if (associations != null) {
                for (Element a : children(associations, "mObjAssociation")) {
                    Element aKey = child(a, null, "externalKey");
                    o.associations.add(new SyncedObject.Association(text(a, "mObjType"), integer(text(a, "id")),
                            aKey == null ? null : text(aKey, "name"), aKey == null ? null : text(aKey, "value")));
                }
            }
            objects.add(o);
        }
        return objects;
    }

    /** The lookup of a paramsGetMObjects: type, and id, external key or associations by id. */
    record Lookup(String type, Integer id, String keyName, String keyValue, Map<String, Integer> associations) {
    }

    static Lookup lookup(Element params) {
        Element key = child(params, null, "externalKey");
        Map<String, Integer> associations = new LinkedHashMap<>();
        Element list = child(params, null, "mObjAssociationList");
        if (list != null) {
            for (Element a : children(list, "mObjAssociation")) {
                associations.put(String.valueOf(text(a, "mObjType")), integer(text(a, "id")));
            }
        }
        return new Lookup(text(params, "type"), integer(text(params, "id")),
                key == null ? null : text(key, "name"), key == null ? null : text(key, "value"), associations);
    }

    static String getResponse(List<SyncedObject> found) {
        StringBuilder xml = new StringBuilder(envelopeStart());
        xml.append("<ns1:successGetMObjects><result><returnCount>").append(found.size())
                .append("</returnCount><hasMore>false</hasMore><newStreamPosition></newStreamPosition><mObjectList>");
        for (SyncedObject o : found) {
            xml.append("<mObject><type>").append(escape(o.type)).append("</type><id>").append(o.id).append("</id>");
            if (o.externalKeyName != null) {
                xml.append("<externalKey><name>").append(escape(o.externalKeyName)).append("</name><value>")
                        .append(escape(o.externalKeyValue)).append("</value></externalKey>");
            }
            xml.append("<attribList>");
            o.attributes.forEach((name, value) -> xml.append("<attrib><name>").append(escape(name))
                    .append("</name><value>").append(escape(value)).append("</value></attrib>"));
            xml.append("</attribList></mObject>");
        }
        return xml.append("</mObjectList></result></ns1:successGetMObjects>").append(envelopeEnd()).toString();
    }

    static String syncResponse(List<MObjectStore.Status> statuses) {
        StringBuilder xml = new StringBuilder(envelopeStart());
        xml.append("<ns1:successSyncMObjects><result><mObjStatusList>");
        for (MObjectStore.Status s : statuses) {
            xml.append("<mObjStatus>");
            xml.append(s.id() == null ? "<id xsi:nil=\"true\"/>" : "<id>" + s.id() + "</id>");
            if (s.keyName() != null) {
                xml.append("<externalKey><name>").append(escape(s.keyName())).append("</name><value>")
                        .append(escape(s.keyValue())).append("</value></externalKey>");
            }
            xml.append("<status>").append(s.status()).append("</status>");
            if (s.error() != null) {
                xml.append("<error>").append(escape(s.error())).append("</error>");
            }
            xml.append("</mObjStatus>");
        }
        return xml.append("</mObjStatusList></result></ns1:successSyncMObjects>").append(envelopeEnd()).toString();
    }

    static String fault(MarketoFault fault) {
        return envelopeStart() + "<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>"
                + escape(fault.faultString()) + "</faultstring><detail><ns1:serviceException>"
                + "<name>mktServiceException</name><message>" + escape(fault.detailMessage()) + "</message><code>"
                + fault.code() + "</code></ns1:serviceException></detail></SOAP-ENV:Fault>" + envelopeEnd();
    }

    private static String envelopeStart() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SOAP_NS
                + "\" xmlns:ns1=\"" + MKTOWS_NS + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><SOAP-ENV:Body>";
    }

    private static String envelopeEnd() {
        return "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    private static Map<String, String> attribs(Element list) {
        Map<String, String> attribs = new LinkedHashMap<>();
        if (list != null) {
            for (Element a : children(list, "attrib")) {
                attribs.put(String.valueOf(text(a, "name")), text(a, "value"));
            }
        }
        return attribs;
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())
                    && (ns == null ? e.getNamespaceURI() == null : ns.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && e.getNamespaceURI() == null) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** Unqualified children only, as Marketo's schema has them: a qualified child is not read. */
    private static String text(Element parent, String localName) {
        Element e = child(parent, null, localName);
        return e == null ? null : e.getTextContent();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
