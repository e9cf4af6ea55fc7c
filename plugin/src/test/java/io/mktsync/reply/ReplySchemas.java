package io.mktsync.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.StringReader;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The published reply schemas (src/main/resources/schema), as the writers' tests apply them. */
final class ReplySchemas {

    private static final Schema XML = xml();
    private static final JsonSchema JSON = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(ReplySchemas.class.getResourceAsStream("/schema/mktsync-reply.schema.json"));

    private ReplySchemas() {
    }

    private static Schema xml() {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(ReplySchemas.class.getResource("/schema/mktsync-reply.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The validator's message, or null when the body is valid against mktsync-reply.xsd. */
    static String xmlProblem(String body) {
        try {
            XML.newValidator().validate(new StreamSource(new StringReader(body)));
            return null;
        } catch (SAXException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertValidXml(String body) {
        String problem = xmlProblem(body);
        if (problem != null) {
            fail(problem + " in " + body);
        }
    }

    static Set<ValidationMessage> jsonProblems(String body) {
        return JSON.validate(body, InputFormat.JSON);
    }

    static void assertValidJson(String body) {
        assertEquals(Set.of(), jsonProblems(body), body);
    }
}
