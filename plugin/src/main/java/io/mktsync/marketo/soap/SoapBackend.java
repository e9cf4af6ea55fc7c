package io.mktsync.marketo.soap;

import io.mktsync.marketo.CallGroup;
import io.mktsync.marketo.MarketoBackend;
import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoExchanges;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.marketo.MarketoUnavailableException;
import io.mktsync.marketo.soap.mktows.ArrayOfMObjAssociation;
import io.mktsync.marketo.soap.mktows.AuthenticationHeaderInfo;
import io.mktsync.marketo.soap.mktows.MktMktowsApiService;
import io.mktsync.marketo.soap.mktows.MktowsPort;
import io.mktsync.marketo.soap.mktows.ParamsGetMObjects;
import io.mktsync.marketo.soap.mktows.ParamsSyncMObjects;
import io.mktsync.marketo.soap.mktows.SuccessGetMObjects;
import io.mktsync.marketo.soap.mktows.SuccessSyncMObjects;
import io.mktsync.metrics.MarketoCallMetrics;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/**
 * Marketo's SOAP API (mktows) through the CXF client generated from the project's WSDL. The proxy
 * is built once and shared: the only per-call state, the signed AuthenticationHeader, travels as a
 * call parameter, so concurrent calls never see each other's header.
 */
@ApplicationScoped
@Typed(SoapBackend.class)
public class SoapBackend implements MarketoBackend {

    private static final Logger LOG = Logger.getLogger(SoapBackend.class.getName());
    private static final int MAX_OBJECTS_PER_CALL = 100;
    /** syncMObjects takes every type in one call. */
    private static final CallGroup SYNC_MOBJECTS = new CallGroup("syncMObjects", MAX_OBJECTS_PER_CALL);

    @Inject
    SoapSettings settings;

    @Inject
    MarketoExchanges exchanges;

    private MktowsPort port;

    @PostConstruct
    void connect() {
        if (!settings.missing().isEmpty()) {
            LOG.warning("Marketo SOAP backend is not configured; missing " + settings.missing());
            return;
        }
        MktowsPort p = new MktMktowsApiService(SoapBackend.class.getResource("/mktows.wsdl")).getMktowsApiSoapPort();
        ((BindingProvider) p).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                settings.endpoint().orElseThrow());
        Client client = ClientProxy.getClient(p);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(settings.connectTimeoutMs());
        policy.setReceiveTimeout(settings.receiveTimeoutMs());
        ((HTTPConduit) client.getConduit()).setClient(policy);
        port = p;
        LOG.info("Marketo SOAP backend calls " + settings.endpoint().orElseThrow() + " as " + settings.userId());
    }

    @Override
    public String name() {
        return "soap";
    }

    @Override
    public int maxObjectsPerCall() {
        return MAX_OBJECTS_PER_CALL;
    }

    @Override
    public CallGroup callGroup(MObject object) {
        return SYNC_MOBJECTS;
    }

    @Override
    public int marketoCalls(SyncOperation operation, List<MObject> objects) {
        return 1;
    }

    @Override
    public List<String> missingSettings() {
        return settings.missing();
    }

    @Override
    public Optional<String> endpoint() {
        return settings.endpoint();
    }

    @Override
    public List<ObjectStatus> syncMObjects(SyncOperation operation, List<MObject> objects) {
        requireConnected();
        var params = SoapMapping.params(operation, objects);
        try {
            return call(params, objects);
        } catch (MarketoException failure) {
            if (!SoapFaults.REQUEST_EXPIRED.equals(failure.code())) {
                throw failure;
            }
        }
        // 20016: Marketo says our timestamp is too old. Sign afresh and try once more; a second
        // 20016 means the clocks disagree, which no retry fixes.
        try {
            return call(params, objects);
        } catch (MarketoException failure) {
            if (SoapFaults.REQUEST_EXPIRED.equals(failure.code())) {
                throw new MarketoFaultException(failure.code(), failure.getMessage()
                        + " (again after signing afresh: check this server's clock)", failure);
            }
            throw failure;
        }
    }

    private List<ObjectStatus> call(ParamsSyncMObjects params, List<MObject> objects) {
        SuccessSyncMObjects answer = counted("syncMObjects", objects.size(), () -> port.syncMObjects(params, signedHeader()));
        try {
            return SoapMapping.statuses(answer, objects);
        } catch (RuntimeException unreadable) {
            // Marketo answered, so it may have applied the call: never "not applied".
            throw new MarketoUnavailableException("ANSWER", "Marketo's answer could not be read ("
                    + unreadable.getClass().getSimpleName() + ")", false, unreadable);
        }
    }

    /** One getMObjects call per object: SOAP looks up one external key, or one pair of associations, at a time. */
    @Override
    public List<Optional<ObjectStatus>> existing(List<MObject> objects) {
        return objects.stream().map(this::existing).toList();
    }

    private Optional<ObjectStatus> existing(MObject object) {
        requireConnected();
        ParamsGetMObjects params = new ParamsGetMObjects();
        params.setType(object.type());
        if (object.externalKey() != null) {
            params.setExternalKey(SoapMapping.attrib(object.externalKey()));
        } else {
            MObject.RoleEnds ends = object.roleEnds().orElseThrow(
                    () -> new IllegalArgumentException(object.type() + " without key or role ends cannot be looked up"));
            ArrayOfMObjAssociation associations = new ArrayOfMObjAssociation();
            associations.getMObjAssociation().add(SoapMapping.association("Opportunity", ends.opportunityId()));
            associations.getMObjAssociation().add(SoapMapping.association("Lead", ends.personId()));
            params.setMObjAssociationList(associations);
        }
        SuccessGetMObjects found = counted("getMObjects", 0, () -> port.getMObjects(params, signedHeader()));
        if (found == null || found.getResult() == null || found.getResult().getMObjectList() == null) {
            return Optional.empty();
        }
        List<io.mktsync.marketo.soap.mktows.MObject> objects = found.getResult().getMObjectList().getMObject();
        return objects.isEmpty() || objects.get(objects.size() - 1).getId() == null ? Optional.empty()
                : Optional.of(new ObjectStatus(SyncStatus.CREATED, objects.get(objects.size() - 1).getId(),
                object.externalKey(), null));
    }

    /** One call to mktows, counted and traced by its result; a fault becomes Marketo's error. */
    private <T> T counted(String operation, int objects, Supplier<T> call) {
        Instant start = Instant.now();
        try {
            T answer = call.get();
            exchanged(operation, objects, MarketoCallMetrics.OK, start);
            return answer;
        } catch (WebServiceException e) {
            MarketoException failure = SoapFaults.classify(e);
            exchanged(operation, objects, failure.code(), start);
            throw failure;
        }
    }

    /** SOAP answers carry no request id of Marketo's. */
    private void exchanged(String operation, int objects, String result, Instant start) {
        exchanges.exchanged(name(), operation, objects, null, result, start);
    }

    private void requireConnected() {
        if (port == null) {
            throw MarketoCredentialsException.settingsMissing(settings.missing());
        }
    }

    /** Signed anew for every attempt, retries included, so that no request goes out stale. */
    private AuthenticationHeaderInfo signedHeader() {
        String timestamp = RequestSignature.timestamp(ZonedDateTime.now());
        AuthenticationHeaderInfo header = new AuthenticationHeaderInfo();
        header.setMktowsUserId(settings.userId());
        header.setRequestTimestamp(timestamp);
        header.setRequestSignature(RequestSignature.sign(timestamp, settings.userId(), settings.encryptionKey()));
        return header;
    }
}
