{#- Like relationships, over a composite key: every (columns) of the model that is fully
    non-null exists as (to_columns) in `to`. -#}
{% test relationships_composite(model, columns, to, to_columns) %}
select {% for c in columns %}child.{{ c }}{{ "," if not loop.last }}{% endfor %}
-- model may be a filtered subquery with its own alias (a `where` config): wrapped, so it takes ours
from (select * from {{ model }}) as child
left join {{ to }} as parent
    on {% for c in columns %}child.{{ c }} = parent.{{ to_columns[loop.index0] }}{{ " and " if not loop.last }}{% endfor %}
where {% for c in columns %}child.{{ c }} is not null and {% endfor %}parent.{{ to_columns[0] }} is null
{% endtest %}
