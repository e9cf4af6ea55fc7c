package io.mktsync.request;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
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
 * Child elements are matched by local name, as Marketo's unqualified schema puts them.
 */
public final class XmlRequestReader {

    public static final String MKTOWS_NS = "http://www.marketo.com/mktows/";
    static final String SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final int MAX_ELEMENT_DEPTH = 64;

    private static final DocumentBuilderFactory FACTORY = secureFactory();

    public SyncRequest read(String xml) throws RequestRejectedException {
        Element params = paramsElement(parse(xml));
        List<Problem> problems = new ArrayList<>();
        List<MObject> objects = new ArrayList<>();
        Element list = child(params, "mObjectList");
        if (list != null) {
            int index = 0;
            for (Element mObject : children(list, "mObject")) {
                objects.add(mObject(mObject, ++index, problems));
            }
        }
        SyncOperation operation = Fields.operation(text(params, "operation"), problems);
        if (!problems.isEmpty()) {
            throw new RequestRejectedException(problems);
        }
        return new SyncRequest(operation, objects);
    }

    private static MObject mObject(Element e, int index, List<Problem> problems) {
        List<TypeAttrib> typeAttribs = new ArrayList<>();
        Element typeAttribList = child(e, "typeAttribList");
        if (typeAttribList != null) {
            for (Element typeAttrib : children(typeAttribList, "typeAttrib")) {
                typeAttribs.add(new TypeAttrib(trimmed(text(typeAttrib, "attrType")),
                        attribs(child(typeAttrib, "attrList"))));
            }
        }
        List<Association> associations = new ArrayList<>();
        Element associationList = child(e, "associationList");
        if (associationList == null) {
            // Marketo's syncMObjects table names it so; its working requests use associationList.
            associationList = child(e, "mObjAssociationList");
        }
        if (associationList != null) {
            for (Element a : children(associationList, "mObjAssociation")) {
                associations.add(new Association(trimmed(text(a, "mObjType")),
                        Fields.integer(text(a, "id"), index, "associationList/mObjAssociation/id", problems),
                        attrib(child(a, "externalKey"))));
            }
        }
        return new MObject(trimmed(text(e, "type")),
                Fields.integer(text(e, "id"), index, "id", problems),
                attrib(child(e, "externalKey")),
                attribs(child(e, "attribList")),
                typeAttribs,
                associations);
    }

    private static List<Attrib> attribs(Element list) {
        List<Attrib> attribs = new ArrayList<>();
        if (list != null) {
            for (Element a : children(list, "attrib")) {
                attribs.add(attrib(a));
            }
        }
        return attribs;
    }

    private static Attrib attrib(Element e) {
        return e == null ? null : new Attrib(trimmed(text(e, "name")), text(e, "value"));
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
            Element body = null;
            for (Element child : children(root, null)) {
                if (SOAP_ENV_NS.equals(child.getNamespaceURI()) && "Body".equals(child.getLocalName())) {
                    body = child;
                }
            }
            List<Element> content = body == null ? List.of() : children(body, null);
            if (content.isEmpty()) {
                throw new RequestRejectedException(Problem.ofRequest("body", "the SOAP envelope has no Body content"));
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

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
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

    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? null : e.getTextContent();
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
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
