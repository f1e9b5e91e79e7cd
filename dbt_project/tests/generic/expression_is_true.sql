{#- Every row satisfies `expression` (rows where it is null pass: use not_null for that). -#}
{% test expression_is_true(model, column_name=none, expression=none) %}
select *
from {{ model }}
where not ({{ expression }})
{% endtest %}
