// title: Shortest connection
// description: The shortest chain of relations (up to 4 hops, either direction) between two entities.
// param: a entity — one entity, e.g. person/mohand-laenser
// param: b entity — the other, e.g. state/ESP
MATCH p = (a:Entity {id: $a})-[*1..4]-(b:Entity {id: $b})
WHERE all(n IN nodes(p) WHERE n:Entity)
RETURN [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | type(r)] AS relations,
       length(p) AS hops
ORDER BY hops
LIMIT 1
