#!/usr/bin/env python3
"""An independent SOAP client for EmployerAccountBalance: zeep builds it from the served WSDL at run time.

usage: zeep_client.py BASE_URL USER PASSWORD COMPANY_ID [COMPANY_ID ...]
Prints one line per Response: ResultCode, CompanyID, BalanceAnalysisResult, ContributionTotalAmount.
"""
import sys

from requests import Session
from requests.auth import HTTPBasicAuth
from zeep import Client
from zeep.transports import Transport


def main(base, user, password, ids):
    session = Session()
    session.auth = HTTPBasicAuth(user, password)
    client = Client(base + "/soap/EmployerAccountBalance?wsdl", transport=Transport(session=session))
    service = client.create_service(
        "{http://socialsecurity.be/xml/ns/accountbalance}EmployerAccountBalanceBinding",
        base + "/soap/EmployerAccountBalance")
    answer = service.GetEmployerAccountBalance(
        Request={
            "RequestInformation": {"Consumer": {"CompanyID": "0316381039"}},
            "LegalContextInformation": {"LegalContext": "PUBLIC_PROCUREMENT"},
            "RequestDetail": [{"EmployerId": {"CompanyID": i}, "ClosingDate": "2026-12-02"} for i in ids],
        })
    for r in answer.Response:
        amounts = r.BalanceAmounts
        print(r.ExecutionResult.ResultCode, r.EmployerId.CompanyID if r.EmployerId else "-",
              r.BalanceAnalysisResult, amounts.ContributionTotalAmount if amounts else "-")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
