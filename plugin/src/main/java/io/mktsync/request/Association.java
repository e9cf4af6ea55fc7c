package io.mktsync.request;

/** Marketo's {@code MObjAssociation}: a link to a Company, Lead or Opportunity by id or external key. */
public record Association(String mObjType, Integer id, Attrib externalKey) {
}
