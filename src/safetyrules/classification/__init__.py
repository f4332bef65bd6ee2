"""Classifications of enterprises (企业分类): the industry an enterprise belongs to and its size.

- :mod:`safetyrules.classification.industry`: GB/T 4754-2017 《国民经济行业分类》, the 门类,
  大类, 中类 and 小类 codes and their hierarchy.
- :mod:`safetyrules.classification.enterprise_size`: 企业规模 (大型/中型/小型/微型) by
  《统计上大中小微型企业划分办法（2017）》（国统字〔2017〕213号）.

Nothing is imported here, so that importing the package loads no data.
"""
