// title: Actor profile
// description: Every relation of an entity, by type and direction, with the other end and how many sources state it.
// param: id entity — the entity, e.g. person/mohand-laenser
MATCH (a:Entity {id: $id})-[r]-(b:Entity)
RETURN type(r) AS relation, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       b.id AS id, b.label_en AS label, r.role AS role, size(r.sources) AS sources
ORDER BY relation, direction, id, role
