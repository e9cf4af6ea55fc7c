package io.mktsync.marketo.soap;

import io.mktsync.marketo.soap.mktows.ArrayOfAttrib;
import io.mktsync.marketo.soap.mktows.ArrayOfMObjAssociation;
import io.mktsync.marketo.soap.mktows.ArrayOfMObject;
import io.mktsync.marketo.soap.mktows.ArrayOfTypeAttrib;
import io.mktsync.marketo.soap.mktows.MObjStatus;
import io.mktsync.marketo.soap.mktows.ParamsSyncMObjects;
import io.mktsync.marketo.soap.mktows.SuccessSyncMObjects;
import io.mktsync.marketo.soap.mktows.SyncOperationEnum;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.Association;
import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import io.mktsync.request.TypeAttrib;
import java.util.ArrayList;
import java.util.List;

/** Between the request model and the classes generated from mktows.wsdl. */
final class SoapMapping {

    private SoapMapping() {
    }

    static ParamsSyncMObjects params(SyncOperation operation, List<MObject> objects) {
        ParamsSyncMObjects params = new ParamsSyncMObjects();
        params.setOperation(SyncOperationEnum.valueOf(operation.name()));
        ArrayOfMObject list = new ArrayOfMObject();
        for (MObject o : objects) {
            list.getMObject().add(mObject(o));
        }
        params.setMObjectList(list);
        return params;
    }

    /** One status per object in request order; a status Marketo left out is reported as FAILED. */
    static List<ObjectStatus> statuses(SuccessSyncMObjects success, List<MObject> objects) {
        List<MObjStatus> returned = success == null || success.getResult() == null
                || success.getResult().getMObjStatusList() == null
                ? List.of() : success.getResult().getMObjStatusList().getMObjStatus();
        List<ObjectStatus> statuses = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            if (i < returned.size()) {
                MObjStatus s = returned.get(i);
                statuses.add(new ObjectStatus(status(s), s.getId(), attrib(s.getExternalKey()), s.getError()));
            } else {
                statuses.add(ObjectStatus.failed(objects.get(i), "Marketo returned no status for this object"));
            }
        }
        return statuses;
    }

    private static SyncStatus status(MObjStatus s) {
        if (s.getStatus() == null) {
            return SyncStatus.FAILED;
        }
        return switch (s.getStatus()) {
            case CREATED -> SyncStatus.CREATED;
            case UPDATED -> SyncStatus.UPDATED;
            case UNCHANGED -> SyncStatus.UNCHANGED;
            case SKIPPED -> SyncStatus.SKIPPED;
            case FAILED, DELETED -> SyncStatus.FAILED;
        };
    }

    private static io.mktsync.marketo.soap.mktows.MObject mObject(MObject o) {
        var m = new io.mktsync.marketo.soap.mktows.MObject();
        m.setType(o.type());
        m.setId(o.id());
        m.setExternalKey(attrib(o.externalKey()));
        if (!o.attributes().isEmpty()) {
            m.setAttribList(attribs(o.attributes()));
        }
        if (!o.typeAttributes().isEmpty()) {
            ArrayOfTypeAttrib list = new ArrayOfTypeAttrib();
            for (TypeAttrib t : o.typeAttributes()) {
                var typeAttrib = new io.mktsync.marketo.soap.mktows.TypeAttrib();
                typeAttrib.setAttrType(t.attrType());
                typeAttrib.setAttrList(attribs(t.attributes()));
                list.getTypeAttrib().add(typeAttrib);
            }
            m.setTypeAttribList(list);
        }
        if (!o.associations().isEmpty()) {
            ArrayOfMObjAssociation list = new ArrayOfMObjAssociation();
            for (Association a : o.associations()) {
                var association = new io.mktsync.marketo.soap.mktows.MObjAssociation();
                association.setMObjType(a.mObjType());
                association.setId(a.id());
                association.setExternalKey(attrib(a.externalKey()));
                list.getMObjAssociation().add(association);
            }
            m.setAssociationList(list);
        }
        return m;
    }

    static io.mktsync.marketo.soap.mktows.MObjAssociation association(String mObjType, int id) {
        var association = new io.mktsync.marketo.soap.mktows.MObjAssociation();
        association.setMObjType(mObjType);
        association.setId(id);
        return association;
    }

    private static ArrayOfAttrib attribs(List<Attrib> attribs) {
        ArrayOfAttrib list = new ArrayOfAttrib();
        for (Attrib a : attribs) {
            list.getAttrib().add(attrib(a));
        }
        return list;
    }

    static io.mktsync.marketo.soap.mktows.Attrib attrib(Attrib a) {
        if (a == null) {
            return null;
        }
        var attrib = new io.mktsync.marketo.soap.mktows.Attrib();
        attrib.setName(a.name());
        attrib.setValue(a.value());
        return attrib;
    }

    private static Attrib attrib(io.mktsync.marketo.soap.mktows.Attrib a) {
        return a == null ? null : new Attrib(a.getName(), a.getValue());
    }
}
