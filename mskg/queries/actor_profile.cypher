// title: Actor profile
// description: The relations of an entity by type and direction, with the other end and how many sources state it: per type and direction the `limit` best-supported (then by id), and in `total` how many there are.
// param: id entity — the entity, e.g. person/mohand-laenser
// param: limit int = 50 — most relations per type and direction
/* A hub has thousands of relations (6,652 for the busiest actor at 10,000 documents): the
   whole list costs more to send and decode than to find, so each group keeps its first
   `limit`, as the entity card does, and says how many it has. The relationships are ordered
   on cheap keys first; only the kept ones are read further. */
MATCH (a:Entity {id: $id})-[r]-(b:Entity)
WITH r, b, type(r) AS relation, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
     size(r.sources) AS sources
ORDER BY relation, direction, sources DESC, b.id, r.role
WITH relation, direction, count(*) AS total, collect([r, b, sources])[0..$limit] AS top
UNWIND top AS t
WITH relation, direction, total, t[0] AS r, t[1] AS b, t[2] AS sources
RETURN relation, direction, b.id AS id, b.label_en AS label, r.role AS role, sources, total
ORDER BY relation, direction, sources DESC, id, role
