// title: Evidence for
// description: The documents and quoted sentences behind the relations between two entities, in either direction.
// param: subject entity — one entity, e.g. person/mohand-laenser
// param: object entity — the other, e.g. agreement/cimo-algiers-declaration
MATCH (a:Entity {id: $subject})-[r]-(b:Entity {id: $object})
RETURN type(r) AS relation, startNode(r).id AS subject, r.role AS role, r.sources AS sources,
       r.evidence AS evidence, r.quotes AS quotes
ORDER BY relation, subject, role
