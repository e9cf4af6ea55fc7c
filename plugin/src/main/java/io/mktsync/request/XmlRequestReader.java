package io.mktsync.request;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a {@code paramsSyncMObjects} element exactly as Marketo's own requests carry it, bare or
 * inside a SOAP 1.1 envelope. An incoming SOAP header (Marketo's AuthenticationHeader) is ignored.
 * Child elements are matched by local name, as Marketo's unqualified schema puts them. Nothing is
 * resolved silently: an element given twice, or one the schema does not have there, is reported.
 */
public final class XmlRequestReader {

    public static final String MKTOWS_NS = "http://www.marketo.com/mktows/";
    static final String SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final int MAX_ELEMENT_DEPTH = 64;

    private static final DocumentBuilderFactory FACTORY = secureFactory();

    public SyncRequest read(String xml) throws RequestRejectedException {
        Element params = paramsElement(parse(xml));
        List<Problem> problems = new ArrayList<>();
        Map<String, Element> fields = fields(params, 0, "", problems, "mObjectList", "operation");
        List<MObject> objects = new ArrayList<>();
        int index = 0;
        for (Element mObject : items(fields.get("mObjectList"), "mObject", 0, "mObjectList", problems)) {
            objects.add(mObject(mObject, ++index, problems));
        }
        SyncOperation operation = Fields.operation(text(fields.get("operation"), 0, "operation", problems), problems);
        if (!problems.isEmpty()) {
            throw new RequestRejectedException(problems);
        }
        return new SyncRequest(operation, objects);
    }

    private static MObject mObject(Element e, int index, List<Problem> problems) {
        // Marketo's syncMObjects table names the association list mObjAssociationList; its working
        // requests use associationList. Either is read; both at once is one list given twice.
        Map<String, Element> fields = fields(e, index, "", problems,
                "type", "id", "externalKey", "attribList", "typeAttribList", "associationList", "mObjAssociationList");
        if (fields.containsKey("associationList") && fields.containsKey("mObjAssociationList")) {
            problems.add(new Problem(index, "mObjAssociationList", "is associationList again; give one of them"));
        }
        List<TypeAttrib> typeAttribs = new ArrayList<>();
        for (Element t : items(fields.get("typeAttribList"), "typeAttrib", index, "typeAttribList", problems)) {
            Map<String, Element> typeAttrib = fields(t, index, "typeAttribList/typeAttrib/", problems, "attrType", "attrList");
            typeAttribs.add(new TypeAttrib(trimmed(text(typeAttrib.get("attrType"), index, "attrType", problems)),
                    attribs(typeAttrib.get("attrList"), index, "typeAttribList/typeAttrib/attrList", problems)));
        }
        List<Association> associations = new ArrayList<>();
        Element associationList = fields.getOrDefault("associationList", fields.get("mObjAssociationList"));
        for (Element a : items(associationList, "mObjAssociation", index, "associationList", problems)) {
            String path = "associationList/mObjAssociation/";
            Map<String, Element> association = fields(a, index, path, problems, "mObjType", "id", "externalKey");
            associations.add(new Association(trimmed(text(association.get("mObjType"), index, path + "mObjType", problems)),
                    Fields.id(text(association.get("id"), index, path + "id", problems), index, path + "id", problems),
                    attrib(association.get("externalKey"), index, path + "externalKey", problems)));
        }
        return new MObject(trimmed(text(fields.get("type"), index, "type", problems)),
                Fields.id(text(fields.get("id"), index, "id", problems), index, "id", problems),
                attrib(fields.get("externalKey"), index, "externalKey", problems),
                attribs(fields.get("attribList"), index, "attribList", problems),
                typeAttribs,
                associations);
    }

    private static List<Attrib> attribs(Element list, int index, String path, List<Problem> problems) {
        List<Attrib> attribs = new ArrayList<>();
        for (Element a : items(list, "attrib", index, path, problems)) {
            attribs.add(attrib(a, index, path + "/attrib", problems));
        }
        return attribs;
    }

    private static Attrib attrib(Element e, int index, String path, List<Problem> problems) {
        if (e == null) {
            return null;
        }
        Map<String, Element> fields = fields(e, index, path + "/", problems, "name", "value");
        return new Attrib(trimmed(text(fields.get("name"), index, path + "/name", problems)),
                text(fields.get("value"), index, path + "/value", problems));
    }

    /**
     * The child elements of a structure, by name. A child given twice or not in Marketo's schema is
     * reported: DOM would let the reader take one and never look at the other.
     */
    private static Map<String, Element> fields(Element parent, int index, String path, List<Problem> problems,
                                               String... names) {
        List<String> known = List.of(names);
        Map<String, Element> fields = new HashMap<>();
        for (Element child : children(parent, null)) {
            String name = child.getLocalName();
            if (!known.contains(name)) {
                problems.add(new Problem(index, path + name, "is not an element of " + parent.getLocalName()
                        + "; use " + String.join(", ", known)));
            } else if (fields.putIfAbsent(name, child) != null) {
                problems.add(new Problem(index, path + name, "appears more than once in "
                        + parent.getLocalName() + "; give it once"));
            }
        }
        return fields;
    }

    /** The entries of a list element, each named {@code item}; anything else in it is reported. */
    private static List<Element> items(Element list, String item, int index, String path, List<Problem> problems) {
        if (list == null) {
            return List.of();
        }
        List<Element> items = new ArrayList<>();
        for (Element child : children(list, null)) {
            if (item.equals(child.getLocalName())) {
                items.add(child);
            } else {
                problems.add(new Problem(index, path + "/" + child.getLocalName(),
                        "is not an element of " + list.getLocalName() + "; it holds " + item + " elements only"));
            }
        }
        return items;
    }

    /** A field's text; child elements in it would be flattened into it, so they are reported. */
    private static String text(Element e, int index, String path, List<Problem> problems) {
        if (e == null) {
            return null;
        }
        if (!children(e, null).isEmpty()) {
            problems.add(new Problem(index, path, "must hold text, not elements"));
        }
        return e.getTextContent();
    }

    private static Document parse(String xml) throws RequestRejectedException {
        try {
            return newBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new RequestRejectedException(Problem.ofRequest("body", "is not well-formed XML: " + e.getMessage()));
        }
    }

    private static Element paramsElement(Document document) throws RequestRejectedException {
        Element root = document.getDocumentElement();
        Element candidate = root;
        if (SOAP_ENV_NS.equals(root.getNamespaceURI()) && "Envelope".equals(root.getLocalName())) {
            List<Element> bodies = children(root, "Body").stream()
                    .filter(b -> SOAP_ENV_NS.equals(b.getNamespaceURI())).toList();
            if (bodies.size() > 1) {
                throw new RequestRejectedException(Problem.ofRequest("Body", "the SOAP envelope has "
                        + bodies.size() + " Body elements; a request has one"));
            }
            List<Element> content = bodies.isEmpty() ? List.of() : children(bodies.get(0), null);
            if (content.isEmpty()) {
                throw new RequestRejectedException(Problem.ofRequest("body", "the SOAP envelope has no Body content"));
            }
            if (content.size() > 1) {
                throw new RequestRejectedException(Problem.ofRequest("Body", "the SOAP Body holds "
                        + content.size() + " elements; a request is one paramsSyncMObjects"));
            }
            candidate = content.get(0);
        }
        if (!MKTOWS_NS.equals(candidate.getNamespaceURI()) || !"paramsSyncMObjects".equals(candidate.getLocalName())) {
            throw new RequestRejectedException(Problem.ofRequest("body", "expected element {" + MKTOWS_NS
                    + "}paramsSyncMObjects, found {" + nullToEmpty(candidate.getNamespaceURI()) + "}"
                    + candidate.getLocalName()));
        }
        return candidate;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))) {
                found.add(e);
            }
        }
        return found;
    }

    private static String trimmed(String s) {
        return s == null ? null : Fields.trim(s);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static synchronized DocumentBuilder newBuilder() throws RequestRejectedException {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no stderr noise; errors still throw
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured safely", e);
        }
    }

    /** No DOCTYPE at all: this rules out external entities and entity expansion in one stroke. */
    private static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
