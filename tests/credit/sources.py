"""The pages the credit tests take their expected values from (列入情形与期限的出处)."""

# 中国化工报《定了！9种情形会被列入安全生产严重失信主体名单》: 应急管理部令第11号 A1–A5, B1 and the
# 5 + 4 split of the 9 situations.
CCIN = "http://ccin.com.cn/detail/be06cc79634e1d8075eaf3f28295347d/news"
# 2023-08-31《机构出具虚假报告或证书，将被列入严重失信主体名单》: situation B2.
KL007 = "http://kl007.cn/voc/mkt/1041.html"
# 中新网 on 山西's 《安全生产严重失信主体名单管理制度》: 3-year term, early removal after 12 months.
SHANXI = "http://103.52.134.50/scripts/data.php?n9=X0.html"
# 政府网站转载 of 第11号令 arts 1–5 (第二条 scope, 第三条 definition).
KMSL = "http://www.kmsl.gov.cn/c/2024-12-31/6949432.shtml"
# 安监总办〔2017〕49号 full text (第二条 items, 第三条 start).
HAOJOB = "https://www.3haojob.com/ak/16525626363459.html"
ESAFETY = "http://www.esafety.cn/law/hyfg/zhonghe/119364.html"
# 人民日报 report (reprinted): 第三条 “黑名单” criteria and the 1-year term from publication.
PEOPLES_DAILY = "http://gzkl.wenming.cn/cxkl/202009/t20200918_3197711.html"
# 《安全与健康》 abstract: 1-year term, removal applied for within 30 days before expiry.
QIKAN = "http://218.28.6.71:81/Qikan/Article/Detail?id=672594802"
